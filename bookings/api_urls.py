"""/api/v1/: read-only JSON of public data."""

app_name = "api"

urlpatterns = []
