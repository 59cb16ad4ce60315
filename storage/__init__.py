"""Object storage (local folder or S3), team queues and the audit log. Knows nothing of OCR."""
