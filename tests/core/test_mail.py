"""Local mail: one .eml file per message in the configured folder, readable as an email."""

import email

from django.core.mail import EmailMessage, mailers


def test_each_message_is_a_file_of_its_own_that_reads_as_an_email(settings, tmp_path):
    settings.MAILERS = {
        "default": {"BACKEND": "core.mail.MessagePerFileBackend", "OPTIONS": {"file_path": str(tmp_path)}}
    }
    backend = mailers.default
    backend.open()
    sent = backend.send_messages(
        [
            EmailMessage(f"Aihe {n}", f"Hei {n}", "ohjaamo@example.fi", [f"asiakas{n}@example.fi"])
            for n in range(3)
        ]
    )
    backend.close()

    files = sorted(tmp_path.iterdir())
    assert sent == 3 and [path.suffix for path in files] == [".eml"] * 3
    parsed = [email.message_from_bytes(path.read_bytes()) for path in files]
    assert sorted(message["To"] for message in parsed) == [f"asiakas{n}@example.fi" for n in range(3)]
    assert {message["Subject"] for message in parsed} == {"Aihe 0", "Aihe 1", "Aihe 2"}
