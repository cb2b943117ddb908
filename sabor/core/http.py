def submitted(request, *, files: bool = False) -> tuple:
    """The data a form is bound to: the POST (and files) on a submission, else
    nothing. Unlike `request.POST or None`, an empty submission still binds the
    form, so it is validated and answered with its messages."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)
