"""Every change to supervision series (series.py) and their agreements (agreement.py): import the
module you need, `from series.actions.series import series_create`."""
