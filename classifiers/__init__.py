"""Document-type classification and its confidence."""
