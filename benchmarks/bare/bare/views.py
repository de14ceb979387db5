from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .models import Row


@login_required
def rows(request):
    return render(request, "bare/rows.html", {"rows": Row.objects.all()[:50]})
