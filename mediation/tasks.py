"""mediation: tasks."""
