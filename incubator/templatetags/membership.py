"""``{% belongs_to_organisation as member %}``: whether the signed-in user is a member of an
organisation now, so that only members are offered the portal ("My organisation"), which
answers anyone else with a 403."""

from django import template

from incubator.models import OrganisationMembership

register = template.Library()


@register.simple_tag(takes_context=True)
def belongs_to_organisation(context) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if hasattr(request, "membership"):  # the portal found it already
        return request.membership is not None
    return OrganisationMembership.objects.filter(user=user, ended_at__isnull=True).exists()
