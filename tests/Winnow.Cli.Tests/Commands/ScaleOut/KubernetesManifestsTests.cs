using k8s;
using k8s.Models;

namespace Winnow.Cli.Tests.Commands.ScaleOut;

[Collection(CliCollection.Name)]
public sealed class KubernetesManifestsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    [Fact]
    public void Run_ExecutorKubernetes_WritesAnIndexedJobPerStageAPlanJobPerPlanAndAMerge()
    {
        var recipe = ScaleOutData.Write(_dir, ScaleOutData.FullRecipe);
        var output = Path.Combine(_dir.Path, "out");
        var result = CliRunner.Run("run", recipe, "--output", output, "--executor", "kubernetes", "--tasks", "4", "--workers", "2", "--mem", "4G");
        Assert.True(result.ExitCode == 0, result.ToString());

        var files = Directory.GetFiles(Path.Combine(output, "kubernetes"), "*.yaml").Order(StringComparer.Ordinal).ToList();
        var jobs = files.Select(f => KubernetesYaml.Deserialize<V1Job>(File.ReadAllText(f))).ToList();
        // 5 stages (normalize…sample, dedup.exact, dedup.minhash, balance…export, split), 4 plans, 1 merge; in apply order.
        Assert.Equal(10, jobs.Count);
        Assert.EndsWith("00-stage-0.yaml", files[0]);
        Assert.EndsWith("01-plan-1.yaml", files[1]);
        Assert.EndsWith("09-merge.yaml", files[^1]);
        foreach (var (job, stage) in jobs.Where(j => j.Spec.CompletionMode == "Indexed").Select((j, i) => (j, i)))
        {
            Assert.Equal("batch/v1", job.ApiVersion);
            Assert.Equal(4, job.Spec.Completions);
            Assert.Equal(2, job.Spec.Parallelism);
            Assert.Equal(2, job.Spec.BackoffLimitPerIndex);
            var container = job.Spec.Template.Spec.Containers.Single();
            Assert.Equal("Never", job.Spec.Template.Spec.RestartPolicy);
            var args = container.Args.ToList();
            Assert.Equal("$(JOB_COMPLETION_INDEX)", args[args.IndexOf("--shard") + 1]);
            Assert.Equal(stage.ToString(), args[args.IndexOf("--stage") + 1]);
            Assert.Equal("4", args[args.IndexOf("--shards") + 1]);
            Assert.Equal("4Gi", container.Resources.Requests["memory"].ToString());
            Assert.Equal("winnow-data", job.Spec.Template.Spec.Volumes.Single().PersistentVolumeClaim.ClaimName);
        }
        Assert.Equal(5, jobs.Count(j => j.Spec.CompletionMode == "Indexed"));
        Assert.Contains("--plan", jobs[1].Spec.Template.Spec.Containers[0].Args);
        Assert.Null(jobs[1].Spec.Completions);
        Assert.Contains("--merge", jobs[^1].Spec.Template.Spec.Containers[0].Args);
    }

    public void Dispose() => _dir.Dispose();
}
