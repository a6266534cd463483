"""services: selectors."""
