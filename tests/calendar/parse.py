"""Reads an iCalendar feed from standard input with Python's icalendar and prints what it
holds as JSON: the calendar's PRODID and VERSION and each event with its alarms."""

import json
import sys

import icalendar


def text(value):
    return None if value is None else str(value)


def main():
    calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
    events = []
    for event in calendar.walk("VEVENT"):
        alarms = [
            {
                "action": text(alarm.get("ACTION")),
                "trigger_seconds": alarm.decoded("TRIGGER").total_seconds(),
                "description": text(alarm.get("DESCRIPTION")),
            }
            for alarm in event.walk("VALARM")
        ]
        events.append(
            {
                "uid": text(event.get("UID")),
                "summary": text(event.get("SUMMARY")),
                "description": text(event.get("DESCRIPTION")),
                "url": text(event.get("URL")),
                "dtstart": event.decoded("DTSTART").isoformat(),
                "dtstart_is_date": event.get("DTSTART").params.get("VALUE") == "DATE",
                "dtend": event.decoded("DTEND").isoformat(),
                "dtstamp": event.decoded("DTSTAMP").isoformat(),
                "alarms": alarms,
            }
        )
    print(
        json.dumps(
            {
                "prodid": text(calendar.get("PRODID")),
                "version": text(calendar.get("VERSION")),
                "events": events,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
