"""mediation: admin."""
