"""mediation: actions."""
