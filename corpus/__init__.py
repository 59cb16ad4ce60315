"""Generator of realistic French test documents with their ground truth.

- ``corpus.texts.generate_texts(count, seed)``: text-only documents (type, queue, text, fields, urgent)
  for training classifiers, no rendering.
- ``corpus.generate.generate(out, count, seed)``: files (PDF, scans, Factur-X, batches, bad inputs)
  plus one ``<file>.truth.json`` each and a ``manifest.json``.
- ``corpus.registries``: the PATRIMOINE supplier and tenant registries (config/data/*.csv).
"""
