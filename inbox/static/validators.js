/* Live checks of the vidéocodage form: the same rules as extractors/validators.py and
   inbox/checks.py (which re-checks everything on the server). */
"use strict";
const Checks = (() => {
  const IBAN_LENGTHS = {FR: 27, MC: 27, DE: 22, BE: 16, ES: 24, IT: 27, LU: 20, CH: 21, NL: 18, PT: 25, GB: 22};
  const ident = (s) => s.toUpperCase().replace(/[^A-Z0-9]/g, "");

  function luhnOk(digits) {
    if (!/^\d+$/.test(digits)) return false;
    let total = 0;
    [...digits].reverse().forEach((ch, i) => {
      let d = Number(ch);
      if (i % 2 === 1) { d *= 2; if (d > 9) d -= 9; }
      total += d;
    });
    return total % 10 === 0;
  }
  const sirenOk = (s) => s.length === 9 && luhnOk(s);
  function siretOk(s) {
    if (!/^\d{14}$/.test(s)) return false;
    if (s.startsWith("356000000")) return [...s].reduce((a, c) => a + Number(c), 0) % 5 === 0;
    return luhnOk(s) && sirenOk(s.slice(0, 9));
  }
  function mod97(numeric) { // numeric: a string of digits, any length
    let r = 0;
    for (let i = 0; i < numeric.length; i += 7) r = Number(String(r) + numeric.slice(i, i + 7)) % 97;
    return r;
  }
  const vatKey = (siren) => String((12 + 3 * mod97(siren)) % 97).padStart(2, "0");
  function vatOk(v) {
    const m = /^FR(\d{2})(\d{9})$/.exec(v);
    return !!m && sirenOk(m[2]) && m[1] === vatKey(m[2]);
  }
  function ibanOk(iban) {
    if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
    if ((IBAN_LENGTHS[iban.slice(0, 2)] || iban.length) !== iban.length) return false;
    const moved = iban.slice(4) + iban.slice(0, 4);
    return mod97([...moved].map((c) => parseInt(c, 36).toString()).join("")) === 1;
  }
  function parseDate(text) {
    let y, mo, d, m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (m) { [y, mo, d] = [m[1], m[2], m[3]].map(Number); }
    else {
      m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
      if (!m) return null;
      [d, mo, y] = [m[1], m[2], m[3]].map(Number);
    }
    if (y < 1900 || y > 2199) return null;
    const t = new Date(Date.UTC(y, mo - 1, d));
    if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
    return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  }
  function parseAmount(text) {
    let s = text.trim().replace(/[\u00a0\u202f €]/g, "").replace("EUR", "");
    if (/^-?\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(s)) s = s.replace(/\./g, "");
    s = s.replace(",", ".");
    if (!/^-?\d{1,12}(\.\d{1,2})?$/.test(s)) return null;
    return Number(s).toFixed(2);
  }
  function postalOk(text) {
    const s = text.replace(/\s/g, "");
    if (!/^\d{5}$/.test(s)) return false;
    const dept = Number(s.slice(0, 2));
    return (dept >= 1 && dept <= 95) || ["97", "98"].includes(s.slice(0, 2));
  }
  function phone(text) {
    let d = text.replace(/\D/g, "");
    if (d.startsWith("33") && d.length === 11) d = "0" + d.slice(2);
    if (d.startsWith("0033") && d.length === 13) d = "0" + d.slice(4);
    return /^0[1-9]\d{8}$/.test(d) ? d : null;
  }
  /* One field: "" when fine (or empty), else the problem in French. */
  function check(kind, raw) {
    const value = raw.trim();
    if (!value) return "";
    switch (kind) {
      case "text": return value.length <= 200 ? "" : "200 caractères au plus";
      case "siret": { const s = ident(value);
        if (!/^\d{14}$/.test(s)) return "14 chiffres attendus";
        return siretOk(s) ? "" : "SIRET invalide (clé de contrôle Luhn)"; }
      case "siren": { const s = ident(value);
        if (!/^\d{9}$/.test(s)) return "9 chiffres attendus";
        return sirenOk(s) ? "" : "SIREN invalide (clé de contrôle Luhn)"; }
      case "vat": { const s = ident(value);
        if (!/^FR\d{11}$/.test(s)) return "FR suivi de 11 chiffres attendu";
        return vatOk(s) ? "" : "clé de TVA incorrecte pour ce SIREN"; }
      case "iban": return ibanOk(ident(value)) ? "" : "IBAN invalide (longueur ou clé mod 97)";
      case "date": return parseDate(value) ? "" : "date invalide (JJ/MM/AAAA ou AAAA-MM-JJ)";
      case "amount": return parseAmount(value) !== null ? "" : "montant invalide (ex. 1234,50)";
      case "postal_code": return postalOk(value) ? "" : "code postal invalide (5 chiffres)";
      case "phone": return phone(value) ? "" : "téléphone invalide (10 chiffres, 0XXXXXXXXX)";
      case "email": return /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/.test(value) ? "" : "adresse de courriel invalide";
      default: return "";
    }
  }
  /* Checks across fields: {field: problem}. values: {name: raw string} of the visible fields. */
  function across(values) {
    const out = {};
    const ht = parseAmount(values.total_excl_tax || ""), tva = parseAmount(values.total_tax || ""),
      ttc = parseAmount(values.total_incl_tax || "");
    if (ht !== null && tva !== null && ttc !== null &&
        Math.abs(Number(ht) + Number(tva) - Number(ttc)) > 0.011) out.total_incl_tax = `HT + TVA ≠ TTC (${ht} + ${tva} ≠ ${ttc})`;
    const siret = ident(values.supplier_siret || ""), vat = ident(values.supplier_vat || "");
    if (siretOk(siret) && vatOk(vat) && vat.slice(4) !== siret.slice(0, 9)) out.supplier_vat = "ce n° de TVA ne correspond pas au SIREN du SIRET";
    const d1 = parseDate((values.invoice_date || "").trim()), d2 = parseDate((values.due_date || "").trim());
    if (d1 && d2 && d2 < d1) out.due_date = "l'échéance précède la date de facture";
    return out;
  }
  return {check, across, luhnOk, siretOk, sirenOk, vatOk, ibanOk, parseDate, parseAmount, vatKey};
})();
