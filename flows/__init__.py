"""Prefect flows and tasks: the only place that composes the stages."""
