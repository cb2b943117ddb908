"""An iCalendar file (RFC 5545) for a meeting, so people can add it to their calendar."""

from __future__ import annotations

from datetime import UTC, datetime

from django.utils import timezone

from sabor.participation.models import Meeting


def _escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_calendar(meeting: Meeting, url: str, host: str) -> str:
    place = ", ".join(part for part in (meeting.address, meeting.settlement.name if meeting.settlement else "")
                      if part) or meeting.online_url
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Sabor//Participation//BG", "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH", "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{_escape(meeting.title)}",
        f"LOCATION:{_escape(place)}",
        f"DESCRIPTION:{_escape(meeting.agenda[:2000])}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if meeting.is_cancelled else 'CONFIRMED'}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
