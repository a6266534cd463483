"""services: actions."""
