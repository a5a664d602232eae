from .applications import Application, ApplicationDocument, Profession
from .charter import CharterPage
from .commission import CommissionVoteTask, Vote
from .directory import DirectoryIndexPage, MemberProfilePage
from .join import JoinPage
from .membership import CharterSignature, Membership

__all__ = [
    "Application",
    "ApplicationDocument",
    "CharterPage",
    "CharterSignature",
    "CommissionVoteTask",
    "DirectoryIndexPage",
    "JoinPage",
    "MemberProfilePage",
    "Membership",
    "Profession",
    "Vote",
]
