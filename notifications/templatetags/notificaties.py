"""``{% verzonden_mails obj %}``: the mails sent about an object, for any detail page."""

from django import template

from ..selectors import count_by_status, delivery_state, notifications_for, shown_recipient

register = template.Library()


@register.inclusion_tag("notifications/includes/verzonden_mails.html", takes_context=True)
def verzonden_mails(context, obj) -> dict:
    user = context.get("user") or getattr(context.get("request"), "user", None)
    rows = list(notifications_for(obj)) if obj is not None and obj.pk else []
    return {
        "mails": [
            (row, shown_recipient(row, user), delivery_state(row, doubles=False)) for row in rows
        ],
        "tellingen": count_by_status(rows),
    }
