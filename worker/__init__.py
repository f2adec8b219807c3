"""Distributed grading: the app defers a job per submission to PostgreSQL (procrastinate), and
`python -m worker` processes on other machines take the jobs, grade in their own sandboxes and
write the results to the attempt rows. The grader itself knows nothing of any of this."""
