"""Accounts, step 2 of 3: one account per existing person, with their password and stamp.

Until now every Person had a globally unique email address and its own
password hash, so each becomes one Account holding the same email, hash,
security stamp and last sign-in: nobody's password changes, nobody is signed
out, and no audit event is touched (they point at the Person, which stays).
"""

from typing import Any

from django.db import migrations


def accounts_from_people(apps: Any, schema_editor: Any) -> None:
    Account = apps.get_model("people", "Account")
    Person = apps.get_model("people", "Person")
    for person in Person.objects.order_by("pk").iterator():
        email = (person.email or "").strip().lower()
        account = Account.objects.filter(email=email).first()
        if account is None:
            account = Account.objects.create(
                email=email,
                full_name=person.full_name,
                password=person.password,
                is_active=True,
                security_stamp=person.security_stamp,
                last_login=person.last_login,
            )
            # auto_now_add would say "today": keep when the person was added.
            Account.objects.filter(pk=account.pk).update(created_at=person.created_at)
        Person.objects.filter(pk=person.pk).update(account=account)


def people_from_accounts(apps: Any, schema_editor: Any) -> None:
    """Back to one password per person (the column is back, empty, when this runs)."""
    Person = apps.get_model("people", "Person")
    for person in Person.objects.select_related("account").order_by("pk").iterator():
        if person.account_id is not None:
            Person.objects.filter(pk=person.pk).update(password=person.account.password)


class Migration(migrations.Migration):
    dependencies = [("people", "0003_accounts")]

    operations = [migrations.RunPython(accounts_from_people, people_from_accounts)]
