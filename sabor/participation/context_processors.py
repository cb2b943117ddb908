from sabor.participation.models import Notification


def notifications(request):
    """How many unread notifications the signed-in person has here, for the header."""
    user = getattr(request, "user", None)
    municipality = getattr(request, "municipality", None)
    if municipality is None or user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.filter(user=user, municipality=municipality,
                                                                read_at__isnull=True).count()}
