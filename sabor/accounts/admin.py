from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from sabor.accounts.models import Membership, Organisation, OrganisationMember, RoleAssignment, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Profile"), {"fields": ["display_name", "preferred_language", "notification_frequency"]}),
        (_("Platform rights"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "display_name", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]


class ReadOnlyMixin:
    """Memberships, roles and organisations change only through the back office
    (or `manage.py grant_role`), where every change is authorised and audited;
    the platform operator sees them here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoleInline(ReadOnlyMixin, admin.TabularInline):
    model = RoleAssignment
    extra = 0


@admin.register(Membership)
class MembershipAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["user", "municipality", "stakeholder_group", "settlement"]
    list_filter = ["municipality", "stakeholder_group"]
    search_fields = ["user__email", "user__display_name"]
    inlines = [RoleInline]


class MemberInline(ReadOnlyMixin, admin.TabularInline):
    model = OrganisationMember
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "is_public"]
    list_filter = ["municipality", "kind"]
    search_fields = ["name", "name_en", "eik"]
    inlines = [MemberInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
