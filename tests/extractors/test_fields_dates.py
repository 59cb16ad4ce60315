"""Dates in French and English forms, and the labels that say which date is which."""

from __future__ import annotations

import datetime as dt

import pytest

from extractors.fields import extract_fields
from extractors.fields_dates import find_dates, parse_date


@pytest.mark.parametrize("raw", [
    "12/03/2020", "12.03.2020", "12-03-2020", "12/03/20", "2020-03-12", "2020/03/12", "12 mars 2020",
    "12 Mars 2020", "12 MARS 2020", "jeudi 12 mars 2020", "le 12 mars 2020", "12 mars, 2020",
    "March 12, 2020", "March 12 2020", "12 March 2020", "Mar 12, 2020", "Mar. 12, 2020", "12th March 2020",
    "12th of March, 2020", "March 12th, 2020", "Thursday, March 12, 2020", "12-Mar-2020", "12 Mar 2020",
    "12 mars 2020 à 20h30",
])
def test_every_form_of_the_same_date(raw):
    assert parse_date(raw) == "2020-03-12"


@pytest.mark.parametrize("raw, expected", [
    ("1er mars 2020", "2020-03-01"), ("1 er avril 2021", "2021-04-01"), ("1st April 2021", "2021-04-01"),
    ("Sept. 3, 2021", "2021-09-03"), ("3 sept. 2021", "2021-09-03"), ("May 5, 2021", "2021-05-05"),
    ("5 mai 2021", "2021-05-05"), ("December 31, 2019", "2019-12-31"), ("31 déc. 2019", "2019-12-31"),
    ("15 août 2020", "2020-08-15"), ("August 15, 2020", "2020-08-15"), ("Febuary 2, 2021", "2021-02-02"),
])
def test_french_and_english_month_names(raw, expected):
    assert parse_date(raw) == expected


def test_a_day_and_month_take_the_reference_year_and_never_invent_one():
    assert parse_date("le 12 mars", dt.date(2021, 1, 5)) == "2021-03-12"
    assert parse_date("le 12 mars") is None
    assert parse_date("March 12") is None  # month first needs its year


@pytest.mark.parametrize("raw", ["12/13/2020", "31/02/2020", "March 2020", "12 marches", "Total 12 2020",
                                 "article 12 du bail", "06 12 34 56 78"])
def test_not_dates(raw):
    assert parse_date(raw) is None


def test_dates_in_reading_order_one_per_place():
    text = "Invoice date: March 12, 2020 - Due date: 11 April 2020 - printed 2020-03-13"
    assert [m.value for m in find_dates(text)] == ["2020-03-12", "2020-04-11", "2020-03-13"]


def _dates(body: str, doc_type: str = "supplier_invoice") -> tuple[str | None, str | None]:
    ex = extract_fields(doc_type, "supplier", "Société Test\n" + body, _empty())
    return ex.fields.get("invoice_date"), ex.fields.get("due_date")


def _empty():
    from config.registries import Registries

    return Registries((), ())


@pytest.mark.parametrize("body", [
    "Facture n° 1 du 12/03/2020\nÉchéance : 11/04/2020",
    "Facture n°123456 du 12 Mars 2020\nDate d'échéance : 11 avril 2020",
    "Date de facture : 12.03.2020\nÀ payer avant le 11.04.2020",
    "Date de facturation : 12/03/2020\nDate limite de paiement : 11/04/2020",
    "Date d'émission : 12 mars 2020\nPayable le 11 avril 2020",
    "Émise le 12/03/2020\nÀ régler au plus tard le 11/04/2020",
    "Invoice date: March 12, 2020\nDue date: April 11, 2020",
    "Date: 12 March 2020\nPayment due: 11 April 2020",
    "Date 12/03/2020   Due by 11/04/2020",
    "Issue date: Mar 12, 2020\nPayment due by Apr 11, 2020",
    "Invoice Date      Due Date       Invoice No.\n12/03/2020        11/04/2020     INV-0042",
    "Facture du 12/03/2020\nMontant prélevé à partir du 11/04/2020",
])
def test_invoice_and_due_date_labels(body):
    assert _dates(body) == ("2020-03-12", "2020-04-11")


def test_other_dates_are_not_taken_for_the_invoice_date():
    body = "Période du 01/02/2020 au 29/02/2020\nDate de livraison : 05/03/2020\nDate de facture : 12/03/2020"
    assert _dates(body) == ("2020-03-12", None)
    body = "Delivery date: 05/03/2020\nOrder date: 01/03/2020\nInvoice date: 12/03/2020"
    assert _dates(body) == ("2020-03-12", None)
