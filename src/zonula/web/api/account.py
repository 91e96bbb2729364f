"""API: deleting the caller's account and every row about it."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from zonula.web.deps import AccountsDep, ApiUser

router = APIRouter(prefix="/api/v1", tags=["account"])


class DeleteAccountIn(BaseModel):
    """Confirmation: the password, or for an account without one (local mode) the username."""

    model_config = ConfigDict(extra="forbid")

    password: str = Field(default="", max_length=1000)
    confirm: str = Field(default="", max_length=80)


@router.post("/me/delete", status_code=204)
def delete_me(body: DeleteAccountIn, user: ApiUser, accounts: AccountsDep) -> Response:
    """Delete the caller's account and all its data (422 when the confirmation does not match)."""
    accounts.delete_account(user, password=body.password, confirm=body.confirm)
    return Response(status_code=204)
