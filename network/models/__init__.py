from .applications import Application, ApplicationDocument, Profession
from .charter import CharterPage, CharterVersion
from .commission import CommissionVoteTask, CriterionAssessment, Vote
from .directory import DirectoryIndexPage, MemberProfilePage
from .join import JoinPage
from .meetings import CommissionMeeting, MeetingDecision
from .member_space import ErasureRequest, ProfileUpdate
from .membership import CharterSignature, Membership
from .orientation import HelpFinderPage, PartnerDirectoryPage, PartnerStructure
from .taxonomy import Language, Theme

__all__ = [
    "Application",
    "ApplicationDocument",
    "CharterPage",
    "CharterSignature",
    "CharterVersion",
    "ErasureRequest",
    "HelpFinderPage",
    "Language",
    "PartnerDirectoryPage",
    "PartnerStructure",
    "ProfileUpdate",
    "Theme",
    "CommissionMeeting",
    "CommissionVoteTask",
    "CriterionAssessment",
    "DirectoryIndexPage",
    "JoinPage",
    "MeetingDecision",
    "MemberProfilePage",
    "Membership",
    "Profession",
    "Vote",
]
