import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sabor.settings")
application = get_wsgi_application()

# Everything loaded so far lives as long as the process: keep it out of the
# garbage collector's way, so collections during requests scan only request data
# (the plan page of a large plan spends much of its time in them otherwise).
gc.freeze()
