from django.shortcuts import render


def too_many_requests(request, exception=None):
    return render(request, "429.html", status=429)
