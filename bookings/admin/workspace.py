from .views import calendar as requests_waiting

book_on_behalf = hours_choose = hours_grid = requests_waiting
