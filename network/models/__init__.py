from .applications import Application, ApplicationDocument, Profession
from .charter import CharterPage
from .commission import CommissionVoteTask, Vote
from .directory import DirectoryIndexPage, MemberProfilePage
from .join import JoinPage
from .meetings import CommissionMeeting, MeetingDecision
from .membership import CharterSignature, Membership

__all__ = [
    "Application",
    "ApplicationDocument",
    "CharterPage",
    "CharterSignature",
    "CommissionMeeting",
    "CommissionVoteTask",
    "DirectoryIndexPage",
    "JoinPage",
    "MeetingDecision",
    "MemberProfilePage",
    "Membership",
    "Profession",
    "Vote",
]
