"""Calendar invites (iCalendar, RFC 5545) for scheduled conversations.

One UID for the life of a conversation and a SEQUENCE that goes up with each change, so a
calendar replaces the earlier invite instead of adding a second event.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from icalendar import Calendar, Event, vCalAddress, vText

from .models import Conversation


def invite(conversation: Conversation, *, url: str = "") -> bytes:
    cancelled = conversation.status == Conversation.CANCELLED
    cal = Calendar()
    cal.add("prodid", "-//Careermap//Career conversations//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancelled else "REQUEST")
    event = Event()
    event.add("uid", f"{conversation.ics_uid}@careermap")
    event.add("sequence", conversation.ics_sequence)
    event.add("dtstamp", conversation.created_at)
    event.add("dtstart", conversation.starts_at)
    event.add("dtend", conversation.ends_at)
    event.add(
        "summary", f"{conversation.title}: {conversation.host.name} and {conversation.guest.name}"
    )
    where = conversation.place or conversation.video_link
    if where:
        event.add("location", where)
    description = "A career conversation in Careermap."
    if url:
        description += f" Agenda and preparation: {url}"
    if conversation.video_link:
        description += f" Video link: {conversation.video_link}"
    event.add("description", description)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{conversation.host.email}")
    organizer.params["cn"] = vText(conversation.host.name)
    event["organizer"] = organizer
    for person in (conversation.host, conversation.guest):
        attendee = vCalAddress(f"mailto:{person.email}")
        attendee.params["cn"] = vText(person.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
    cal.add_component(event)
    return cal.to_ical()


def send_invite(conversation: Conversation, *, to: list[str] | None = None) -> None:
    """E-mail both people (or only `to`) the invite (console by default, SMTP when
    configured). Sent after the change commits, with no request at hand: links start at
    CAREERMAP_BASE_URL."""
    url = settings.CAREERMAP_BASE_URL + conversation.get_absolute_url()
    cancelled = conversation.status == Conversation.CANCELLED
    when = conversation.starts_at.strftime("%A %d %B %Y, %H:%M %Z")
    subject = f"{'Cancelled' if cancelled else 'Invitation'}: {conversation.title} ({when})"
    body = (
        f"{conversation.title} between {conversation.host.name} and {conversation.guest.name}"
        f" {'has been cancelled' if cancelled else f'on {when}'}.\n"
    )
    if url and not cancelled:
        body += f"\nPrepare and see the agenda: {url}\n"
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        to or [conversation.host.email, conversation.guest.email],
    )
    message.attach(
        "invite.ics",
        invite(conversation, url=url),
        "text/calendar; method=" + ("CANCEL" if cancelled else "REQUEST"),
    )
    message.send(fail_silently=False)
