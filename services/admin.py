"""services: admin."""
