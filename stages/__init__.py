"""The pipeline's stages, each a plain function: read a page, cut a file into documents,
understand a document, join page PDFs, name things. Flows compose them; they import no flow."""
