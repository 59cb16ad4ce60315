"""Reading files, preparing pages, OCR, PDF text, Factur-X and field extraction."""
