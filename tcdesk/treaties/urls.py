app_name = "treaties"

urlpatterns: list = []
