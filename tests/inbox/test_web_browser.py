"""The web inbox in Debian's Chromium, driven by Playwright, on real pipeline output:
sign in, work an item from claim to complete, send an invoice back to vidéocodage, correct it
in the station from the keyboard and see it arrive in comptabilite-fournisseurs, and a person
of another team getting not-found on it. Screenshots go to $INBOX_SCREENSHOTS_DIR when set."""

from __future__ import annotations

import contextvars
import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from tests.homes import home_set
from conftest import PASSWORD, PEOPLE
from seed import INVOICE_FIELDS, INVOICE_LINES, seed_document

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
COMPTA = "comptabilite-fournisseurs"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


@pytest.fixture(scope="module")
def module_home(tmp_path_factory):
    return tmp_path_factory.mktemp("web-home")


@pytest.fixture(autouse=True)
def aiguillage_home(module_home, monkeypatch):
    monkeypatch.setenv("AIGUILLAGE_HOME", str(module_home))  # the server's data folder, for every test
    return module_home


@pytest.fixture(scope="module")
def world(prefect_harness, module_home):
    """The pipeline run on three samples, a few more items, accounts, and the app served."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium absent (make setup-test l'installe)")
    with home_set(module_home):  # module fixtures run before monkeypatch
        from config import load_taxonomy
        from config.accounts import Account, accounts_path, save_account
        from flows.batch import run_batch
        from wiring.runtime import runtime
        from inbox.app import create_app
        from inbox.auth import hash_password

        lines = run_batch([str(SAMPLES / n) for n in ("doc-0012.pdf", "doc-0008.jpg", "doc-0004.pdf")])
        by_source = {Path(line["source"]).name: line for line in lines}
        assert by_source["doc-0012.pdf"]["queue"] == COMPTA and by_source["doc-0004.pdf"]["queue"] == "videocodage"
        rt = runtime()
        for supplier, hours in (("Sanitaires du Midi", -30), ("Ascenseurs Occitans", 20)):
            seed_document(rt.store, COMPTA, "supplier_invoice", dict(INVOICE_FIELDS, supplier_name=supplier),
                          INVOICE_LINES, deadline_hours=hours, priority=2 if hours < 0 else 3)
        tax, pw = load_taxonomy(), hash_password(PASSWORD)
        for login, (teams, roles) in PEOPLE.items():
            save_account(accounts_path(module_home), Account(login, login.capitalize(), tuple(teams), tuple(roles), pw),
                         tax)

        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
        ctx = contextvars.copy_context()  # Prefect's test settings go along to the server's thread
        thread = threading.Thread(target=ctx.run, args=(server.run,), daemon=True)
        thread.start()
        deadline = time.time() + 30
        while not server.started and time.time() < deadline:
            time.sleep(0.05)
        assert server.started

        from playwright.sync_api import sync_playwright

        pw_ctx = sync_playwright().start()
        browser = pw_ctx.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield {"url": f"http://127.0.0.1:{port}", "rt": rt, "docs": {k: v["document_id"] for k, v in by_source.items()},
               "lines": by_source, "browser": browser}
        browser.close()
        pw_ctx.stop()
        server.should_exit = True
        thread.join(10)


def _page(world, login):
    page = world["browser"].new_page(viewport={"width": 1280, "height": 860})
    page.goto(world["url"] + "/")
    assert "/connexion" in page.url
    page.fill("input[name=identifiant]", login)
    page.fill("input[name=mot_de_passe]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert "/connexion" not in page.url, page.content()[:500]
    return page


def _shot(page, name):
    target = os.environ.get("INBOX_SCREENSHOTS_DIR")
    if not target:
        return
    from PIL import Image

    raw = Path(target) / f".{name}.raw.png"
    page.screenshot(path=str(raw))
    Image.open(raw).convert("RGB").quantize(colors=128).save(Path(target) / f"{name}.png", optimize=True)
    raw.unlink()


def _image_loaded(page, selector):
    return page.eval_on_selector(selector, "img => img.complete && img.naturalWidth > 100")


def test_sign_in_and_work_an_item_from_claim_to_complete(world):
    from storage import queues
    from storage.audit import events

    store, doc = world["rt"].store, world["docs"]["doc-0012.pdf"]
    page = _page(world, "marie")
    assert page.url.endswith(f"/equipes/{COMPTA}")
    row = page.locator(f"tr[data-document='{doc}']")
    assert "Imprimerie Saint-Cyprien" in row.inner_text()
    assert page.locator("tr.overdue").count() == 1 and "en retard" in page.locator("tr.overdue").inner_text()
    assert page.locator("svg.chart").count() == 2
    _shot(page, "inbox")
    page.select_option("select[name=fournisseur]", "Imprimerie Saint-Cyprien")
    with page.expect_navigation():  # the filtered list is a new page: count its rows once it is there
        page.click("form.filters button")
    assert page.locator("table.queue tbody tr").count() == 1

    page.click(f"tr[data-document='{doc}'] a.open")
    page.wait_for_selector(".pages img")
    page.wait_for_load_state("load")  # images included
    assert _image_loaded(page, ".pages img")
    assert "2023/03/611" in page.inner_text("dl.fields") and "Imprimerie" in page.inner_text("pre.ocr")
    page.click("#prendre")
    assert "pris par marie" in page.inner_text(".doc-head")
    page.fill("input[name=note]", "bon pour paiement")
    page.click("#terminer")
    assert page.url.endswith(f"/equipes/{COMPTA}")
    assert "Document traité" in page.inner_text(".flashes")
    assert page.locator(f"tr[data-document='{doc}']").count() == 0
    item = queues.get_item(store, COMPTA, doc)
    assert item.state == "completed" and item.history[-1]["note"] == "bon pour paiement"
    kinds = [(e.kind, e.actor) for e in events(store, doc) if e.actor == "marie"]
    assert kinds == [("viewed", "marie"), ("claimed", "marie"), ("viewed", "marie"), ("completed", "marie")]
    page.close()


def test_correct_an_invoice_in_the_station_and_it_arrives_in_accounts_payable(world):
    from storage import queues
    from storage.corrections import get_correction

    store, doc, other = world["rt"].store, world["docs"]["doc-0008.jpg"], world["docs"]["doc-0004.pdf"]
    truth = json.loads((SAMPLES / "doc-0008.jpg.truth.json").read_text())["documents"][0]["fields"]
    # accounts payable sends the scanned invoice back: the supplier's numbers need a human
    marie = _page(world, "marie")
    marie.goto(f"{world['url']}/equipes/{COMPTA}/documents/{doc}")
    marie.wait_for_load_state("load")
    _shot(marie, "document")
    marie.fill("form[action$='/revoir'] input[name=motif]", "SIRET et TVA à vérifier")
    marie.click("form[action$='/revoir'] button")
    assert "renvoyé en vidéocodage" in marie.inner_text(".flashes")

    vero = _page(world, "vero")
    assert vero.locator(f"tr[data-document='{doc}']").count() == 1
    vero.goto(f"{world['url']}/videocodage/{doc}")
    assert vero.locator("svg.words rect.word").count() > 50
    assert vero.input_value("#f-type") == "supplier_invoice"
    assert vero.evaluate("document.activeElement.id") == "f-type"
    for name, value in truth.items():
        vero.fill(f"#f-{name}", value)
    vero.fill("#f-supplier_vat", "FR61546660879")  # wrong key: caught as it is typed
    assert "clé de TVA" in vero.inner_text("#e-supplier_vat")
    vero.fill("#f-total_incl_tax", "9 150,00")
    assert "HT + TVA" in vero.inner_text("#e-total_incl_tax")
    vero.keyboard.press("Enter")  # refused in the browser: the first bad field gets the focus
    assert vero.evaluate("document.activeElement.id") == "f-supplier_vat"
    vero.fill("#f-supplier_vat", truth["supplier_vat"])
    vero.fill("#f-total_incl_tax", "9 151,01")
    assert vero.inner_text("#e-supplier_vat") == "" and vero.inner_text("#e-total_incl_tax") == ""
    _shot(vero, "station")
    vero.focus("#f-invoice_number")
    vero.keyboard.press("Tab")
    assert vero.evaluate("document.activeElement.id") == "f-invoice_date"
    with vero.expect_navigation():
        vero.keyboard.press("Enter")
    # validated: the flow sent it on, and the next free item came up
    assert vero.url.endswith(f"/videocodage/{other}")
    assert "envoyé à « Comptabilité fournisseurs »" in vero.inner_text(".flashes")

    item = queues.get_item(store, COMPTA, doc)
    assert item.is_open and item.type == "supplier_invoice"
    assert item.fields["supplier_vat"] == truth["supplier_vat"] and item.fields["total_incl_tax"] == "9151.01"
    assert item.fields["iban"] == truth["iban"]
    c = get_correction(store, doc)
    assert c.actor == "vero" and c.human["fields"]["supplier_siren"] == truth["supplier_siren"]

    marie.goto(f"{world['url']}/equipes/{COMPTA}")
    assert marie.locator(f"tr[data-document='{doc}']").count() == 1
    marie.goto(f"{world['url']}/equipes/{COMPTA}/documents/{doc}")
    assert "vidéocodé par vero" in marie.inner_text(".side")

    # Alt+N leaves the other document for later: nothing else is free, back to the list
    vero.keyboard.press("Alt+N")
    vero.wait_for_url("**/equipes/videocodage")
    assert "Plus aucun document libre" in vero.inner_text(".flashes")

    paul = _page(world, "paul")  # technique
    for url in (f"/equipes/{COMPTA}/documents/{doc}", f"/equipes/technique/documents/{doc}",
                f"/videocodage/{doc}", f"/equipes/{COMPTA}"):
        response = paul.goto(world["url"] + url)
        assert response.status == 404, url
        assert "Introuvable" in paul.inner_text("h1") and "Interphones" not in paul.content()
    for p in (marie, vero, paul):
        p.close()


def test_screenshots_are_small_pngs_when_asked(world, tmp_path, monkeypatch):
    monkeypatch.setenv("INBOX_SCREENSHOTS_DIR", str(tmp_path))
    page = _page(world, "marie")
    _shot(page, "inbox")
    data = (tmp_path / "inbox.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) < 400_000
    page.close()
    if os.environ.get("INBOX_KEEP_SCREENSHOTS"):
        shutil.copy(tmp_path / "inbox.png", os.environ["INBOX_KEEP_SCREENSHOTS"])
