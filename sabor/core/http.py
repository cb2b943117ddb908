def submitted(request, *, files: bool = False) -> tuple:
    """The data a form is bound to: the POST (and files) on a submission, else
    nothing. Unlike `request.POST or None`, an empty submission still binds the
    form, so it is validated and answered with its messages."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def create_from_form(request, form, create, *, success_message: str, redirect_to, template: str, context: dict):
    """The list page with a form to add one more: on a valid submission `create(data)`
    saves through its service and the page goes to `redirect_to(obj)`; otherwise the page
    is shown again with the form's errors (status 400), the service's errors included."""
    from django.contrib import messages
    from django.core.exceptions import ValidationError
    from django.shortcuts import redirect, render

    from sabor.core.forms import add_service_errors

    if request.method == "POST" and form.is_valid():
        try:
            obj = create(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success_message)
            return redirect(redirect_to(obj))
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


MAX_ID = 2**63 - 1  # the largest bigint: beyond it PostgreSQL refuses the query instead of finding nothing


def parse_id(value: str) -> int:
    """`value` as an id, or 0 (which matches nothing, so a lookup answers 404) when it
    is not one: only ASCII digits count, since str.isdigit() also takes "²" and "٣"
    (which int() then refuses or reads as 3), and only within the database's range."""
    if not (value.isascii() and value.isdigit()) or len(value) > 19:
        return 0
    number = int(value)
    return number if number <= MAX_ID else 0


def posted_id(request, name: str) -> int:
    """The id a form posted under `name`, or 0 when it is missing or not an id."""
    return parse_id(request.POST.get(name, ""))
