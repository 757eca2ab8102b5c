"""The profile: pydantic models of the YAML file, and its loader."""

from dossier.profile.load import Loaded, load_profile
from dossier.profile.model import Attachment, Profile

__all__ = ["Attachment", "Loaded", "Profile", "load_profile"]
