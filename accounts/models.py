from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_STAFF = "district_staff", _("เจ้าหน้าที่เขต")
    STRATEGY = "strategy", _("สำนักยุทธศาสตร์และประเมินผล")
    ADMIN = "admin", _("ผู้ดูแลระบบ")


class UserManager(DjangoUserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        """The first administrator (``createsuperuser``) is an administrator of the portal, not
        district staff: it needs no district, so it can be created on a fresh database."""
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A portal user. District staff belong to one district; staff of a pilot district are
    also its mentors (พี่เลี้ยง)."""

    role = models.CharField(
        _("บทบาท"), max_length=20, choices=Role.choices, default=Role.DISTRICT_STAFF
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("เขต"),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("ผู้ใช้งาน")
        verbose_name_plural = _("ผู้ใช้งาน")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="district_staff") | models.Q(district__isnull=False),
                name="user_district_staff_has_district",
            )
        ]

    @property
    def is_district_staff(self) -> bool:
        return self.role == Role.DISTRICT_STAFF

    @property
    def is_strategy(self) -> bool:
        return self.role == Role.STRATEGY

    @property
    def is_portal_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
