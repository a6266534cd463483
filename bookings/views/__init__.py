"""Public booking pages: the flow, self-service, check-ins."""
