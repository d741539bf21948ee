"""Accounts, step 3 of 3: every person has an account, which now holds the password.

A Person's email address is unique within its council (the same person may
serve several councils); the Account's is unique across the installation.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("people", "0004_accounts_from_people")]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="account",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="people",
                to="people.account",
            ),
        ),
        # A default first, so that running this backwards can add the column to
        # existing rows (0004 then copies each account's hash back).
        migrations.AlterField(
            model_name="person",
            name="password",
            field=models.CharField(default="", max_length=128, verbose_name="password"),
        ),
        migrations.RemoveField(
            model_name="person",
            name="password",
        ),
        migrations.AlterField(
            model_name="person",
            name="email",
            field=models.EmailField(
                help_text="The account's email address. Stored in lower case.", max_length=254
            ),
        ),
        migrations.AddConstraint(
            model_name="person",
            constraint=models.UniqueConstraint(
                fields=("council", "email"), name="person_unique_email"
            ),
        ),
    ]
