"""What every process needs, built once: settings, taxonomy, rules, registries, the object
store, the model, the task runner, and the retry policy of pipeline steps."""
