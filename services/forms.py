"""services: forms."""
