"""``{% unread_notifications as count %}``: how many notifications the signed-in user has not
read and whose item nobody has handled yet (one query, only for signed-in users)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return user.notifications.filter(read_at__isnull=True, done_at__isnull=True).count()
