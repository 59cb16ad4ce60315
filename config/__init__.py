"""Settings, taxonomy, routing rules and registries: everything that is chosen, not computed.

Nothing here imports the rest of aiguillage; every other package may import this one.
"""

from config.errors import ConfigError
from config.settings import Settings, load_settings
from config.taxonomy import Taxonomy, load_taxonomy

__all__ = ["ConfigError", "Settings", "load_settings", "Taxonomy", "load_taxonomy"]
