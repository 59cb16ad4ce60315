"""``aiguillage commandes import|list`` (issue 17 item 3): the ERP's extract checked whole, stored
in the object store for every process, audited; a bad file is one French line and exit status 2."""

from __future__ import annotations

import json

from cli.main import main
from storage.audit import events

EXTRACT = ("N° BC;Fournisseur;Montant HT;Montant TTC;Bâtiment;Centre de coût;Statut\n"
           "BC-2024-0001;F0004;1 250,00;1 500,00;Résidence Les Lauriers;CC-1;ouverte\n"
           "BC-2020-0412;F0004;3 600,00;;Résidence Le Belvédère;CC-2;ouverte\n")
MAPPING = ["--colonne", "order_reference=N° BC", "--colonne", "supplier_id=Fournisseur", "--colonne",
           "amount_excl_tax=Montant HT", "--colonne", "amount_incl_tax=Montant TTC", "--colonne",
           "building=Bâtiment", "--colonne", "cost_centre=Centre de coût", "--colonne", "status=Statut"]


def test_import_then_list_shows_the_extract_over_the_registry(tmp_path, capsys):
    from wiring.runtime import runtime

    path = tmp_path / "extrait.csv"
    path.write_text(EXTRACT, encoding="utf-8")
    assert main(["commandes", "import", str(path), *MAPPING, "--user", "vero.martin"]) == 0
    assert "2 bons de commande importés de extrait.csv" in capsys.readouterr().out
    assert main(["commandes", "list", "--json"]) == 0
    listed = {o["order_reference"]: o for o in map(json.loads, capsys.readouterr().out.splitlines())}
    assert listed["BC-2024-0001"]["source"] == "import" and listed["BC-2024-0001"]["amount_excl_tax"] == "1250.00"
    assert listed["BC-2020-0412"]["amount_excl_tax"] == "3600.00"  # the import replaces the embedded order
    assert listed["BC-2020-0153"]["source"] == "registry"  # and the registry's others stay
    [event] = [e for e in events(runtime().store) if e.kind == "purchase_orders_imported"]
    assert event.actor == "vero.martin" and event.details["file"] == "extrait.csv" and event.details["orders"] == 2


def test_a_bad_extract_is_refused_whole_naming_line_and_column(tmp_path, capsys):
    path = tmp_path / "extrait.csv"
    path.write_text(EXTRACT + "BC-2024-0003;F0005;douze;;;;ouverte\n", encoding="utf-8")
    assert main(["commandes", "import", str(path), *MAPPING]) == 2
    err = capsys.readouterr().err
    assert "ligne 4" in err and "« amount_excl_tax »" in err and "Traceback" not in err
    assert main(["commandes", "import", str(path), "--colonne", "sans-egal"]) == 2
    assert "NOTRE=LEUR" in capsys.readouterr().err
    assert main(["orders", "list", "--json"]) == 0
    assert "BC-2024-0001" not in capsys.readouterr().out  # nothing was imported
