"""Language-independent site files (robots.txt, sitemap.xml)."""

urlpatterns = []
