"""Generator of realistic French test documents with their ground truth."""
