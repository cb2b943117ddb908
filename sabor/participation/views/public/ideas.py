"""Public pages of ideas: the list with filters, search and sorting from an allow-list,
an idea with its supports and comment thread, submitting and editing, similar ideas
while typing, reporting abuse, and a person's notifications."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sabor.accounts.models import NotificationFrequency
from sabor.core import pagecache, ratelimit, submissions
from sabor.core.decorators import municipality_required
from sabor.core.filters import filter_status
from sabor.core.forms import add_service_errors
from sabor.core.http import parse_id, posted_id, submitted
from sabor.participation import pages, selectors
from sabor.participation.forms import CommentForm, EditIdeaForm, IdeaFilter, IdeaForm, ReportForm
from sabor.participation.models import Comment, Idea, Notification, Support
from sabor.participation.services import ideas, moderation, notifications

PAGE_SIZE = 20


def _visible(request):
    return selectors.visible_ideas(request.municipality)


@municipality_required
@pages.cached(params=("status", "settlement", "process", "sort", "page"), uncached=("q",))
def idea_list(request):
    form = IdeaFilter(request.GET, request.municipality)
    filters = form.values()
    items = _visible(request)
    for name in ("status", "settlement", "process"):
        if name in filters:
            items = items.filter(**{f"{name}_id" if name != "status" else name: filters[name]})
    if filters.get("q"):
        items = selectors.search(items, filters["q"])
    items = items.order_by(*selectors.SORTS[filters.get("sort", "newest")]).select_related("settlement")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    pagecache.canonical(request, **{name: filters.get(name) for name in ("status", "settlement", "process", "sort")},
                        page=page.number if page.number > 1 else None)
    supported = set()
    if request.user.is_authenticated:
        supported = set(Support.objects.filter(user=request.user, idea__in=[i.pk for i in page.object_list])
                        .values_list("idea_id", flat=True))
    return render(request, "participation/idea_list.html", {"page": page, "form": form, "supported": supported},
                  status=filter_status(form))


def _idea(request, pk: int) -> Idea:
    """An idea of this municipality; hidden ones are shown only as their hiding notice."""
    return get_object_or_404(request.municipality.ideas.select_related(
        "settlement", "plan_node__plan", "process", "meeting", "organisation", "author", "merged_into", "project"),
        pk=pk)


@municipality_required
@pages.cached()
def idea_detail(request, pk: int):
    idea = get_object_or_404(selectors.ideas_for_page(request.municipality), pk=pk)
    user = request.user
    context = {"idea": idea, "thread": selectors.thread(idea) if not idea.is_hidden else [],
               "comment_form": CommentForm(prefix="c"), "report_form": ReportForm(),
               "attachments": idea.attachments.all()}
    # What the page offers: the same rules the services apply (anonymous visitors get none of it).
    context.update({f"can_{action}": rules.has_perm(f"participation.{perm}", user, idea) for action, perm in (
        ("edit", "edit_idea"), ("support", "support_idea"), ("follow", "follow_idea"),
        ("comment", "comment_idea"), ("report", "report_content"))})
    if user.is_authenticated:
        context["perms_manage"] = user.has_perm("participation.manage", request.municipality)
        context["supported"] = idea.supports.filter(user=user).exists()
        context["following"] = idea.follows.filter(user=user).exists()
    return render(request, "participation/idea_detail.html", context)


@municipality_required
@login_required
def idea_new(request):
    process = parse_id(request.GET.get("process", ""))
    form = IdeaForm(*submitted(request, files=True), municipality=request.municipality, user=request.user,
                    initial={"process": process} if process else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow("idea", request.user.pk):
            form.add_error(None, _("You have submitted many ideas in a short time. Please try again later."))
            status = 429
        else:
            try:
                with submissions.once(key=form.submission_key(request.user)) as sent:
                    idea = ideas.submit(actor=request.user, municipality=request.municipality, **form.cleaned_data)
                    sent.url = reverse("participation:idea_detail", args=[idea.pk])
            except submissions.AlreadySent as earlier:
                return _sent_before(request, earlier, reverse("participation:idea_list"))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you! Your idea has been published; you can change it within "
                                            "48 hours."))
                return redirect("participation:idea_detail", pk=idea.pk)
    return render(request, "participation/idea_form.html", {"form": form, "editing": None},
                  status=status if status != 200 else (400 if form.errors else 200))


@municipality_required
@login_required
def idea_edit(request, pk: int):
    idea = get_object_or_404(request.municipality.ideas, pk=pk, author=request.user)
    if not rules.has_perm("participation.edit_idea", request.user, idea):
        messages.error(request, _("An idea can be changed by its author within 48 hours, before the municipality "
                                  "takes it up."))
        return redirect("participation:idea_detail", pk=pk)
    form = EditIdeaForm(*submitted(request), instance=idea, municipality=request.municipality, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            ideas.edit(actor=request.user, idea=Idea.objects.get(pk=pk), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your idea has been changed."))
            return redirect("participation:idea_detail", pk=pk)
    return render(request, "participation/idea_form.html", {"form": form, "editing": idea},
                  status=400 if form.errors else 200)


@municipality_required
def similar(request):
    """A fragment listing existing ideas like the title and text being typed."""
    title = request.GET.get("title", "")[:200]
    description = request.GET.get("description", "")[:2000]
    found = selectors.similar(request.municipality, title, description)
    return render(request, "participation/_similar.html", {"found": found})


def _sent_before(request, earlier: submissions.AlreadySent, fallback: str):
    """The same form sent again (a double click, a resend): nothing more is created, and
    the person is led to what the first sending created."""
    messages.info(request, _("This form had already been sent; it was saved once."))
    return redirect(earlier.url or fallback)


def _back(idea: Idea):
    return redirect("participation:idea_detail", pk=idea.pk)


@municipality_required
@login_required
@require_POST
def support(request, pk: int):
    idea = _idea(request, pk)
    if not ratelimit.allow("support", request.user.pk):
        messages.error(request, _("Too many supports in a short time. Please try again later."))
        return _back(idea)
    try:
        if request.POST.get("withdraw"):
            ideas.withdraw_support(actor=request.user, idea=idea)
            messages.success(request, _("Your support has been withdrawn."))
        else:
            ideas.support(actor=request.user, idea=idea)
            messages.success(request, _("Thank you for your support."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(idea)


@municipality_required
@login_required
@require_POST
def follow(request, pk: int):
    idea = _idea(request, pk)
    on = not request.POST.get("stop")
    ideas.follow(actor=request.user, idea=idea, on=on)
    messages.success(request, _("You will be told what happens to this idea.") if on else
                     _("You no longer follow this idea."))
    return _back(idea)


@municipality_required
@login_required
@require_POST
def comment(request, pk: int):
    idea = _idea(request, pk)
    form = CommentForm(request.POST, prefix="c")
    if form.is_valid():
        if not ratelimit.allow("comment", request.user.pk):
            form.add_error(None, _("You have written many comments in a short time. Please try again later."))
        else:
            parent = None
            if posted_id(request, "parent"):
                parent = get_object_or_404(Comment.objects.filter(idea=idea), pk=posted_id(request, "parent"))
            try:
                with submissions.once(key=form.submission_key(request.user, idea.pk, parent and parent.pk)) as sent:
                    item = ideas.comment(actor=request.user, idea=idea, body=form.cleaned_data["body"],
                                         parent=parent, is_official=request.user.has_perm(
                                             "participation.manage", request.municipality)
                                         and bool(request.POST.get("official")))
                    sent.url = reverse("participation:idea_detail", args=[idea.pk]) + f"#comment-{item.pk}"
            except submissions.AlreadySent as earlier:
                return _sent_before(request, earlier, reverse("participation:idea_detail", args=[idea.pk]))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your comment has been published."))
                return redirect(sent.url)
    return render(request, "participation/comment_error.html", {"idea": idea, "form": form}, status=400)


@municipality_required
@login_required
def report(request, pk: int, comment_pk: int | None = None):
    idea = _idea(request, pk)
    target = get_object_or_404(idea.comments, pk=comment_pk) if comment_pk else None
    if not rules.has_perm("participation.report_content", request.user, target or idea):
        # Hidden already: nothing left to report, and the page would show what was hidden.
        raise Http404
    form = ReportForm(*submitted(request))
    if request.method == "POST" and form.is_valid():
        if not ratelimit.allow("report", request.user.pk):
            form.add_error(None, _("You have sent many reports in a short time. Please try again later."))
        else:
            try:
                moderation.report(actor=request.user, idea=None if target else idea, comment=target,
                                  **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Thank you. The moderators will look at it."))
                return _back(idea)
    return render(request, "participation/report.html", {"idea": idea, "comment": target, "form": form},
                  status=400 if form.errors else 200)


@municipality_required
@login_required
def notification_list(request):
    items = Notification.objects.filter(user=request.user, municipality=request.municipality).select_related("actor")
    if request.method == "POST":
        items.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("participation:notifications")
    page = Paginator(items, 30).get_page(request.GET.get("page"))
    return render(request, "participation/notifications.html", {"page": page})


def unsubscribe(request, token: str):
    """Turns emails off from the link in any email, without logging in."""
    user = notifications.user_for_token(token)
    if user is None:
        return render(request, "participation/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        user.notification_frequency = NotificationFrequency.NEVER
        user.save(update_fields=["notification_frequency"])
        return render(request, "participation/unsubscribe.html", {"done": True})
    return render(request, "participation/unsubscribe.html", {"token": token})
