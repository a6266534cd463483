"""services: exceptions."""
