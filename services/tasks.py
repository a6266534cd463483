"""services: tasks."""
