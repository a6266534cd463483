"""mediation: forms."""
