from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Add N realistic fake members (published profiles around Toulouse, current membership) to the "
        "directory, for benchmarks. Never on a production database: refuses unless --yes is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same people (usernames bench-<seed>-<n>).")
        parser.add_argument("--yes", action="store_true", help="Confirm this database is not the association's.")

    def handle(self, count, seed, yes, **options):
        from network.demo import generate_members
        from network.directory import directory_index

        if not yes:
            raise CommandError("Fake members are for benchmarks: add --yes to confirm this is not production data.")
        if directory_index() is None:
            raise CommandError("No directory page: run build_content first.")
        generate_members(count, seed=seed)
        self.stdout.write(f"{count} fake members added.")
