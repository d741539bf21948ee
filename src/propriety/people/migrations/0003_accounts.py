"""Accounts: one sign-in per email address across councils (step 1 of 3: the tables)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import propriety.people.accounts


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_council_acknowledge_working_days_and_more"),
        ("people", "0002_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="Account",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        help_text="Used to sign in. Stored in lower case.",
                        max_length=254,
                        unique=True,
                    ),
                ),
                (
                    "full_name",
                    models.CharField(
                        blank=True,
                        help_text="For operators; each council keeps its own name.",
                        max_length=200,
                    ),
                ),
                ("password", models.CharField(max_length=128)),
                ("is_active", models.BooleanField(default=True)),
                (
                    "is_operator",
                    models.BooleanField(
                        default=False,
                        help_text="May set up councils and their Clerks (never their casework).",
                    ),
                ),
                (
                    "security_stamp",
                    models.CharField(
                        default=propriety.people.accounts.new_security_stamp,
                        editable=False,
                        max_length=64,
                    ),
                ),
                ("last_login", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ("email",),
            },
        ),
        migrations.CreateModel(
            name="AccountEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("occurred_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                ("action", models.CharField(help_text='e.g. "operator.created"', max_length=100)),
                ("details", models.JSONField(blank=True, default=dict)),
            ],
            options={
                "ordering": ("occurred_at", "pk"),
            },
        ),
        migrations.CreateModel(
            name="SetPasswordLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "purpose",
                    models.CharField(
                        choices=[("invitation", "Invitation"), ("reset", "Password reset")],
                        max_length=20,
                    ),
                ),
                ("token_hash", models.CharField(editable=False, max_length=64, unique=True)),
                (
                    "created_at",
                    models.DateTimeField(default=django.utils.timezone.now, editable=False),
                ),
                ("expires_at", models.DateTimeField()),
                ("closed_at", models.DateTimeField(blank=True, null=True)),
                ("closed_because", models.CharField(blank=True, max_length=40)),
            ],
            options={
                "ordering": ("-created_at", "-pk"),
            },
        ),
        migrations.AlterField(
            model_name="person",
            name="is_active",
            field=models.BooleanField(default=True, help_text="Disabled in this council only."),
        ),
        migrations.AddField(
            model_name="person",
            name="account",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="people",
                to="people.account",
            ),
        ),
        migrations.AddField(
            model_name="accountevent",
            name="account",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="events",
                to="people.account",
            ),
        ),
        migrations.AddField(
            model_name="accountevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="Blank for the command line and system work.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="people.account",
            ),
        ),
        migrations.AddField(
            model_name="setpasswordlink",
            name="account",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="password_links",
                to="people.account",
            ),
        ),
        migrations.AddField(
            model_name="setpasswordlink",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
